// What the benchmark's handler talks to, all on 127.0.0.1: the SQS fake, dynalite (with the table),
// a plain HTTP server, and one OTLP backend per traced variant (so spans are counted per tracer).
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';
import { startSqsFake } from '../test/aws-fakes.ts';
import { startBackend, type Backend } from '../test/otlp-backend.ts';
import { startServer } from '../test/traced-run.ts';

export const TABLE = 'bench-orders';

export interface Endpoints {
  /** The handler's environment (endpoints, queue, table, URL). */
  env: Record<string, string>;
  nightjarBackend: Backend;
  otelBackend: Backend;
  close(): Promise<void>;
}

export async function startEndpoints(): Promise<Endpoints> {
  const sqs = await startSqsFake();
  const http = await startServer();
  const dyn = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => dyn.listen(0, '127.0.0.1', resolve));
  const ddbUrl = `http://127.0.0.1:${(dyn.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint: ddbUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await client.send(new CreateTableCommand({ TableName: TABLE, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
  client.destroy();
  const nightjarBackend = await startBackend('ok');
  const otelBackend = await startBackend('ok');
  return {
    env: { SQS_ENDPOINT: sqs.url, QUEUE_URL: `${sqs.url}/123456789012/bench-queue`, DDB_ENDPOINT: ddbUrl, TABLE, HTTP_URL: `${http.url}/ping` },
    nightjarBackend,
    otelBackend,
    close: async () => {
      dyn.closeAllConnections();
      await Promise.all([sqs.close(), http.close(), nightjarBackend.close(), otelBackend.close(), new Promise<void>((resolve) => dyn.close(() => resolve()))]);
    },
  };
}
