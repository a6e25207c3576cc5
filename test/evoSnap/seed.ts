/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node and jest, never ships to n8n */
/** The seed's (003) request bodies and answers, as its text shows them; its two JSON typos mended. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { InvoiceParameters } from '../../nodes/EvoSnap/helpers/invoiceBody';

export const SEED_CREATE_BODY = '{ "Invoice": { "Amount": 12.50, "MerchantInvoiceId": "14C4E", "AutomationInfo": { "NoAutomation": true }, "Order": { "BillingData": { "Company": "billing data company 14C4E", "FirstName": "FirstName_14C4E", "LastName": "LastName_14C4E", "Address": { "Street1": "555 Test Street", "City": "Denver", "StateProvince": "CO", "PostalCode": "80202", "CountryCode": "USA", "AddressType": "Billing" } }, "CurrencyCode": "USD", "Description": "invoice order description 14C4E", "Tax": { "Amount": 1.47, "Rate": 0.041 }, "ItemizedTaxes": [ { "Amount": 1.75, "Rate": 0.0725, "Type": "FederalTax" }, { "Amount": 0.075, "Rate": 0.06, "Type": "StateLocalSalesTax" } ], "TaxExempt": "NotExemptTaxInfoProvided", "OrderItems": [ { "Amount": 10.00, "CommodityCode": "commodity code", "Description": "item description", "DiscountAmount": 1.00, "DiscountIncluded": true, "ProductCode": "product code", "Quantity": 5.00, "TaxIncluded": true, "UnitOfMeasure": "Item", "UnitPrice": 2.0 } ], "OrderTimeStamp": "2017-03-27T11:00:53.9271639-06:00" }, "CustomerReferenceId": "D1342986EA7646148EF29AB1EDC7A170", "PaymentData": { "PaymentType": "Credit", "CardType": "Visa", "PaymentAccountNumber": "4111111111193231", "PaymentAccountExpiration": "0520" } }, "Scope": "MerchantProfileId", "MerchantProfileId": "Dev_Test_28", "ServiceId": "39C6700001", "ApplicationProfileId": "772763" }';

export const SEED_QUERY_BODY = '{ "QueryInvoiceParameters": { "CreatedDateRange": null, "InvoiceReferenceId": "6177CCEE97C84FF7B1CFF11EAA347DBE", "InvoiceState": "NotSet", "CustomerReferenceId": null, "SubscriptionReferenceId": null, "MerchantInvoiceId": null }, "Scope": "MerchantProfileId", "PagingParameters": { "Page": 0, "PageSize": 50 }, "MerchantProfileId": "Dev_Test_28" }';

export const SEED_UPDATE_BODY = '{ "Invoice": { "Amount": 12.5, "MerchantInvoiceId": "14C4E", "AutomationInfo": { "NoAutomation": true, "CreateInvoice": false, "EmailInvoice": true, "ProcessPayment": false }, "Order": { "BillingData": { "Company": "updated company name", "FirstName": "FirstName_14C4E", "LastName": "LastName_14C4E", "Address": { "Street1": "555 Test Street", "Street2": null, "City": "Denver", "StateProvince": "CO", "PostalCode": "80202", "CountryCode": "USA", "AddressType": "Billing", "HouseNumber": null } }, "ShippingData": null, "CustomerCode": null, "CurrencyCode": "USD", "Description": "invoice order description 14C4E", "Enable3D": false, "PromotionCode": null, "ShipmentId": null, "ShipCode": null, "ShippingTotal": 0.00, "ShipMethod": null, "DiscountTotal": 0.00, "DutyAmount": 0.00, "SubTotal": 0.00, "Tax": { "Amount": 1.47, "Rate": 0.041 }, "ItemizedTaxes": [ { "Amount": 1.75, "Rate": 0.0725, "Type": "FederalTax" }, { "Amount": 0.075, "Rate": 0.06, "Type": "StateLocalSalesTax" } ], "TaxExempt": "NotExemptTaxInfoProvided", "TaxExemptNumber": null, "OrderItems": [ { "Amount": 10.00, "CommodityCode": "commodity code", "Description": "item description", "DiscountAmount": 1.00, "DiscountIncluded": true, "ProductCode": "product code", "Quantity": 5.00, "Tax": null, "TaxIncluded": true, "UnitOfMeasure": "Item", "UnitPrice": 2.0 } ], "OrderTimeStamp": "2017-03-27T11:01:39.2596967-06:00" }, "CustomerReferenceId": "D1342986EA7646148EF29AB1EDC7A170", "PaymentData": { "PaymentType": "Credit", "CardType": "Visa", "BankAccountType": "NotSet", "PaymentAccountNumber": "4111111111167843", "PaymentRoutingNumber": null, "PaymentAccountName": null, "PaymentAccountExpiration": "0520" }, "EmployeeId": null }, "Scope": "MerchantProfileId", "MerchantProfileId": "Dev_Test_28", "ServiceId": "39C6700001", "ApplicationProfileId": "772763" }';

export const SEED_UPDATE_STATE_BODY = '{ "MerchantProfileId": "Dev_Test_28", "InvoiceState": "Cancelled" }';

export const SEED_PROCESS_BODY = '{ "MerchantProfileId": "Dev_Test_28", "ProcessingInformation": { "AutomationInfo": { "NoAutomation": false, "CreateInvoice": false, "EmailInvoice": false, "ProcessPayment": true }, "PaymentDataInfo": { "PaymentType": "NotSet", "CardType": "Visa", "BankAccountType": "NotSet", "PaymentAccountNumber": "4111111111194053", "PaymentRoutingNumber": null, "PaymentAccountName": null, "PaymentAccountExpiration": "1220" }, "TransactionType": "AuthorizeAndCapture" } }';

export const SEED_CREATE_WITH_TOKEN_BODY = '{ "Invoice": { "Amount": 12.50, "MerchantInvoiceId": "14C4E", "AutomationInfo": { "NoAutomation": true }, "Order": { "BillingData": { "Company": "billing data company 14C4E", "FirstName": "FirstName_14C4E", "LastName": "LastName_14C4E", "Address": { "Street1": "555 Test Street", "City": "Denver", "StateProvince": "CO", "PostalCode": "80202", "CountryCode": "USA", "AddressType": "Billing" } }, "CurrencyCode": "USD", "Description": "invoice order description 14C4E", "TaxExempt": "NotExemptTaxInfoProvided" }, "CustomerReferenceId": "FC07A7978DC8486FA3F4B929FCD19C0E", "PaymentData": { "TokenInformation":{ "Token":"4658760022341387", "TokenExpirationDate":"1223", "TokenCardType": "Visa", "TokenIndicator": "103", "TokenAuthenticationValue": "CgyU4V8BYHn8+Ne1zl5UMAACAAA=" } } }, "Scope": "MerchantProfileId", "MerchantProfileId": "Dev_Test_28", "ServiceId": "{{BCPServiceId}}", "ApplicationProfileId": "772763" }';

export const SEED_CREATE_ANSWER = '6177CCEE97C84FF7B1CFF11EAA347DBE';

export const SEED_GET_ANSWER = '{ "InvoiceState": "Pending", "Amount": 12.5, "Scope": "MerchantProfileId", "MerchantInvoiceId": "14C4E", "TransactionAttempts": 0, "AutomationInfo": { "NoAutomation": false, "CreateInvoice": false, "EmailInvoice": false, "ProcessPayment": false }, "DateLastAttempted": "0001-01-01T00:00:00", "Order": { "BillingData": { "Company": "billing data company 14C4E", "FirstName": "FirstName_14C4E", "LastName": "LastName_14C4E", "Address": { "Street1": "555 Test Street", "Street2": null, "City": "Denver", "StateProvince": "CO", "PostalCode": "80202", "CountryCode": "USA", "AddressType": "Billing", "HouseNumber": null } }, "ShippingData": null, "CustomerCode": null, "CurrencyCode": "USD", "Description": "invoice order description 14C4E", "Enable3D": false, "PromotionCode": null, "ShipmentId": null, "ShipCode": null, "ShippingTotal": 0.0, "ShipMethod": null, "DiscountTotal": 0.0, "DutyAmount": 0.0, "SubTotal": 0.0, "Tax": { "Amount": 1.47, "Rate": 0.041 }, "ItemizedTaxes": [ { "Amount": 1.75, "Rate": 0.0725, "Type": "FederalTax" }, { "Amount": 0.075, "Rate": 0.06, "Type": "StateLocalSalesTax" } ], "TaxExempt": "NotExemptTaxInfoProvided", "TaxExemptNumber": null, "OrderItems": [ { "Amount": 10.0, "CommodityCode": "commodity code", "Description": "item description", "DiscountAmount": 1.0, "DiscountIncluded": true, "ProductCode": "product code", "Quantity": 5.0, "Tax": { "Amount": 0.0, "Rate": 0.0 }, "TaxIncluded": true, "UnitOfMeasure": "Item", "UnitPrice": 2.0 } ], "OrderTimeStamp": "2017-03-27T17:00:21.273" }, "CreatedDate": "2017-03-27T17:00:20.443", "CustomerReferenceId": "D1342986EA7646148EF29AB1EDC7A170", "LastUpdatedDate": "0001-01-01T00:00:00", "PaymentData": null, "ServiceKey": "3303C63450300001", "EmployeeId": null, "MerchantProfileId": "Dev_Test_28", "InvoiceReferenceId": "6177CCEE97C84FF7B1CFF11EAA347DBE", "ServiceId": "39C6700001", "ApplicationProfileId": null }';

export const SEED_QUERY_ANSWER = '{ "Invoices": [ { "InvoiceState": "Pending", "Amount": 12.5, "Scope": "MerchantProfileId", "MerchantInvoiceId": "14C4E", "TransactionAttempts": 0, "AutomationInfo": { "NoAutomation": false, "CreateInvoice": false, "EmailInvoice": false, "ProcessPayment": false }, "DateLastAttempted": "0001-01-01T00:00:00", "Order": { "BillingData": { "Company": "billing data company 14C4E", "FirstName": "FirstName_14C4E", "LastName": "LastName_14C4E", "Address": { "Street1": "555 Test Street", "Street2": null, "City": "Denver", "StateProvince": "CO", "PostalCode": "80202", "CountryCode": "USA", "AddressType": "Billing", "HouseNumber": null } }, "ShippingData": null, "CustomerCode": null, "CurrencyCode": "USD", "Description": "invoice order description 14C4E", "Enable3D": false, "PromotionCode": null, "ShipmentId": null, "ShipCode": null, "ShippingTotal": 0.0, "ShipMethod": null, "DiscountTotal": 0.0, "DutyAmount": 0.0, "SubTotal": 0.0, "Tax": { "Amount": 1.47, "Rate": 0.041 }, "ItemizedTaxes": [ { "Amount": 1.75, "Rate": 0.0725, "Type": "FederalTax" }, { "Amount": 0.075, "Rate": 0.06, "Type": "StateLocalSalesTax" } ], "TaxExempt": "NotExemptTaxInfoProvided", "TaxExemptNumber": null, "OrderItems": [ { "Amount": 10.0, "CommodityCode": "commodity code", "Description": "item description", "DiscountAmount": 1.0, "DiscountIncluded": true, "ProductCode": "product code", "Quantity": 5.0, "Tax": { "Amount": 0.0, "Rate": 0.0 }, "TaxIncluded": true, "UnitOfMeasure": "Item", "UnitPrice": 2.0 } ], "OrderTimeStamp": "2017-03-27T17:00:21.273" }, "CreatedDate": "2017-03-27T17:00:20.443", "CustomerReferenceId": "D1342986EA7646148EF29AB1EDC7A170", "LastUpdatedDate": "0001-01-01T00:00:00", "PaymentData": null, "ServiceKey": "3303C63450300001", "EmployeeId": null, "MerchantProfileId": "Dev_Test_28", "InvoiceReferenceId": "6177CCEE97C84FF7B1CFF11EAA347DBE", "ServiceId": "39C6700001", "ApplicationProfileId": null } ], "PageNumber": 0, "TotalPages": 1, "TotalFound": 1 }';

export const SEED_PROCESS_ANSWER = '{ "InvoiceReferenceId": "6177CCEE97C84FF7B1CFF11EAA347DBE", "TransactionId": "62C6DB8545A04C2BA08A02AECCFD3F0E", "Status": "Success", "StatusCode": "000", "StatusMessage": "Approved" }';

export const SEED_CREATE_WITH_TOKEN_ANSWER = 'The response is the TransactionId:"6D5C87DDC1274F6A9F98C3A3AA241E57"';

/** The credential the seed's bodies were made with. */
export const SEED_CREDENTIALS: ICredentialDataDecryptedObject = {
	environment: 'certification',
	apiVersion: '2.1.28',
	identityToken: 'IDENTITY-TOKEN-SECRET-0001',
	merchantProfileId: 'Dev_Test_28',
	serviceId: '39C6700001',
	applicationProfileId: '772763',
};

export const SEED_BILLING_DATA = {
	Company: 'billing data company 14C4E',
	FirstName: 'FirstName_14C4E',
	LastName: 'LastName_14C4E',
	Street1: '555 Test Street',
	City: 'Denver',
	StateProvince: 'CO',
	PostalCode: '80202',
	CountryCode: 'USA',
	AddressType: 'Billing',
};

const seedItem = {
	Amount: '10.00',
	CommodityCode: 'commodity code',
	Description: 'item description',
	DiscountAmount: '1.00',
	DiscountIncluded: true,
	ProductCode: 'product code',
	Quantity: '5.00',
	TaxIncluded: true,
	UnitOfMeasure: 'Item',
	UnitPrice: '2.0',
};

const seedTaxes = [
	{ Amount: '1.75', Rate: '0.0725', Type: 'FederalTax' },
	{ Amount: '0.075', Rate: '0.06', Type: 'StateLocalSalesTax' },
];

/** The node's values that the seed's CreateInvoice example was written from. */
/** The Create fields that give SEED_CREATE_BODY. */
export const SEED_CREATE_PARAMETERS: InvoiceParameters = {
	Amount: '12.50',
	MerchantInvoiceId: '14C4E',
	CustomerReferenceId: 'D1342986EA7646148EF29AB1EDC7A170',
	AutomationInfo: { NoAutomation: true },
	BillingData: SEED_BILLING_DATA,
	Order: {
		CurrencyCode: 'USD',
		Description: 'invoice order description 14C4E',
		TaxAmount: '1.47',
		TaxRate: '0.041',
		TaxExempt: 'NotExemptTaxInfoProvided',
		OrderTimeStamp: '2017-03-27T11:00:53.9271639-06:00',
	},
	OrderItems: { item: [seedItem] },
	ItemizedTaxes: { tax: seedTaxes },
	PaymentData: { PaymentType: 'Credit', CardType: 'Visa', PaymentAccountNumber: '4111111111193231', PaymentAccountExpiration: '0520' },
};
