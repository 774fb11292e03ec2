// A driver adapter with no database behind it, for model-to-model diffs: the schema engine only
// needs to know the SQL dialect, so developers can write PostgreSQL migrations without a server.
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

const POSTGRES_VERSION_NUM = 150000;

export function postgresDialectOnly(): SqlMigrationAwareDriverAdapterFactory {
  const adapter = {
    provider: 'postgres' as const,
    adapterName: '@prisma/adapter-pg',
    // The engine's one probe at start: does the schema exist, and which server version is it?
    queryRaw: async () => ({
      columnNames: ['exists', 'version', 'numeric_version'],
      columnTypes: [5, 7, 0],
      rows: [[true, `PostgreSQL ${POSTGRES_VERSION_NUM / 10000}`, POSTGRES_VERSION_NUM]],
    }),
    executeRaw: async () => 0,
    executeScript: async () => {
      throw new Error('dialect-only adapter: no database to run a script on');
    },
    startTransaction: async () => {
      throw new Error('dialect-only adapter: no database to open a transaction on');
    },
    getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
    dispose: async () => {},
  };
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  } as unknown as SqlMigrationAwareDriverAdapterFactory;
}
