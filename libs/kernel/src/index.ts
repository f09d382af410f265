export * from './ids';
export * from './sql/sql-db';
export * from './sql/sqlite-db';
export * from './sql/postgres-db';
