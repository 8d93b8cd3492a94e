// Server entry point: the pure API plus reading table files from disk.
export * from "./index.ts";
export { demoGuaranteeTablesPath, loadDemoGuaranteeTables, loadGuaranteeTablesFile } from "./demo-tables.server.ts";
