// n8n loads this package through the `n8n` section of package.json (nodes and credentials in
// dist/); there is nothing to export from the package root.
module.exports = {};
