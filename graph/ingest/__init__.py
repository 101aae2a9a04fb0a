"""Getting data in and out: seed files, the open-data importer, backup and restore."""
