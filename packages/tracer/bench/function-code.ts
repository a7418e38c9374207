// The benchmark's function code in a temp dir: one plain ESM handler (SQS SendMessage, DynamoDB
// PutItem, HTTP GET), the OpenTelemetry setup file users preload with NODE_OPTIONS=--import, the
// Nightjar layer built with buildTracer, and node_modules linked to the workspace's (the AWS SDK
// and OpenTelemetry packages are loaded unbundled, as they are deployed with the function).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildTracer, type BuildResult } from '../scripts/build.ts';

export interface FunctionCode {
  codeDir: string;
  /** For NODE_OPTIONS: --import <this URL>. */
  otelSetupUrl: string;
  built: BuildResult;
  remove(): void;
}

const HANDLER = `
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import http from 'node:http';

const sqs = new SQSClient({ endpoint: process.env.SQS_ENDPOINT });
const ddb = new DynamoDBClient({ endpoint: process.env.DDB_ENDPOINT });

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); }).on('error', reject);
  });
}

export const handler = async (event, context) => {
  const id = context.awsRequestId;
  const sent = await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify({ id, n: event.n }) }));
  await ddb.send(new PutItemCommand({ TableName: process.env.TABLE, Item: { id: { S: id }, n: { N: String(event.n ?? 0) } } }));
  const status = await get(process.env.HTTP_URL);
  return { ok: true, messageId: sent.MessageId, status };
};
`;

// The usual OpenTelemetry JS Lambda setup (as in the OpenTelemetry docs and the OTel Lambda layer):
// ESM loader hook for import-in-the-middle, NodeTracerProvider + BatchSpanProcessor + OTLP/proto,
// the Lambda, AWS SDK and HTTP instrumentations; the Lambda instrumentation force-flushes the
// provider at the end of every invocation (its default).
const OTEL_SETUP = `
import { register } from 'node:module';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { AwsLambdaInstrumentation } from '@opentelemetry/instrumentation-aws-lambda';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'fn' }),
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
});
provider.register();

// Real Lambda's Node.js runtime client talks to the Runtime API through a native addon, invisible
// to the HTTP instrumentation; the local runtime's bootstrap uses node:http, so it is ignored here.
const runtimeApi = process.env.AWS_LAMBDA_RUNTIME_API ?? '';
registerInstrumentations({
  tracerProvider: provider,
  instrumentations: [
    new AwsLambdaInstrumentation(),
    new AwsInstrumentation(),
    new HttpInstrumentation({ ignoreOutgoingRequestHook: (req) => runtimeApi !== '' && \`\${req.hostname ?? req.host}:\${req.port}\` === runtimeApi }),
  ],
});
`;

const workspaceNodeModules = fileURLToPath(new URL('../../../node_modules', import.meta.url));

export async function makeFunctionCode(): Promise<FunctionCode> {
  const root = mkdtempSync(path.join(tmpdir(), 'nightjar-bench-'));
  const codeDir = path.join(root, 'code');
  mkdirSync(codeDir);
  writeFileSync(path.join(codeDir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(codeDir, 'handler.mjs'), HANDLER);
  writeFileSync(path.join(codeDir, 'otel-setup.mjs'), OTEL_SETUP);
  symlinkSync(workspaceNodeModules, path.join(codeDir, 'node_modules'), 'dir');
  const built = await buildTracer(path.join(root, 'dist'));
  return {
    codeDir,
    otelSetupUrl: pathToFileURL(path.join(codeDir, 'otel-setup.mjs')).href,
    built,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
