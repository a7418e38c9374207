// Small protocol-correct fakes of AWS APIs for the tracer's tests: SQS (AWS JSON 1.0, with the
// MD5OfMessageBody the SDK verifies), SNS (query protocol, XML answers), EventBridge (AWS JSON 1.1)
// and Lambda Invoke (REST). Each answers with fresh ids and an x-amzn-RequestId header.
import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { startH2Server } from './h2-server.ts';
import { startServer, type Seen, type TestServer } from './traced-run.ts';

function json(res: http.ServerResponse, contentType: string, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(body));
}

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

export function startSqsFake(): Promise<TestServer> {
  return startServer((req: Seen, res) => {
    const input = JSON.parse(req.body || '{}') as { MessageBody?: string; Entries?: { Id: string; MessageBody: string }[] };
    const type = 'application/x-amz-json-1.0';
    switch (req.headers['x-amz-target']) {
      case 'AmazonSQS.SendMessage':
        return json(res, type, { MessageId: randomUUID(), MD5OfMessageBody: md5(input.MessageBody ?? '') });
      case 'AmazonSQS.SendMessageBatch': {
        const entries = input.Entries ?? [];
        const failed = entries.filter((e) => e.Id.startsWith('fail'));
        return json(res, type, {
          Successful: entries.filter((e) => !failed.includes(e)).map((e) => ({ Id: e.Id, MessageId: randomUUID(), MD5OfMessageBody: md5(e.MessageBody) })),
          Failed: failed.map((e) => ({ Id: e.Id, SenderFault: true, Code: 'InvalidParameterValue', Message: 'no' })),
        });
      }
      default:
        return json(res, type, { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' }, 400);
    }
  });
}

export function startSnsFake(): Promise<TestServer> {
  return startServer((req: Seen, res) => {
    const params = new URLSearchParams(req.body);
    const rid = randomUUID();
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': rid });
    const ns = 'xmlns="http://sns.amazonaws.com/doc/2010-03-31/"';
    const meta = `<ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata>`;
    if (params.get('Action') === 'PublishBatch') {
      const ids = [...params.keys()].filter((k) => /^PublishBatchRequestEntries\.member\.\d+\.Id$/.test(k)).map((k) => params.get(k) ?? '');
      const ok = ids.filter((id) => !id.startsWith('fail'));
      const bad = ids.filter((id) => id.startsWith('fail'));
      const successful = ok.map((id) => `<member><Id>${id}</Id><MessageId>${randomUUID()}</MessageId></member>`).join('');
      const failed = bad.map((id) => `<member><Id>${id}</Id><Code>InvalidParameter</Code><SenderFault>true</SenderFault><Message>invalid</Message></member>`).join('');
      res.end(`<PublishBatchResponse ${ns}><PublishBatchResult><Successful>${successful}</Successful><Failed>${failed}</Failed></PublishBatchResult>${meta}</PublishBatchResponse>`);
      return;
    }
    res.end(`<PublishResponse ${ns}><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult>${meta}</PublishResponse>`);
  });
}

export function startEventBridgeFake(): Promise<TestServer> {
  return startServer((req: Seen, res) => {
    const input = JSON.parse(req.body || '{}') as { Entries?: unknown[] };
    json(res, 'application/x-amz-json-1.1', { FailedEntryCount: 0, Entries: (input.Entries ?? []).map(() => ({ EventId: randomUUID() })) });
  });
}

export function startLambdaFake(): Promise<TestServer> {
  return startServer((req: Seen, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), 'x-amz-executed-version': '$LATEST' });
    res.end(JSON.stringify({ echoed: req.body }));
  });
}

/** S3 PutObject (REST): 200 with an ETag and the x-amz-request-id the stitching key needs (s3rver sends none). */
export function startS3Fake(): Promise<TestServer> {
  return startServer((req: Seen, res) => {
    const status = req.method === 'PUT' ? 200 : 404;
    res.writeHead(status, { etag: `"${md5(req.body)}"`, 'x-amz-request-id': randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(), 'x-amz-id-2': 'id2' });
    res.end();
  });
}

/** Kinesis PutRecord (AWS JSON 1.1) over cleartext HTTP/2, as the Kinesis client's default handler speaks it. */
export function startKinesisH2Fake(): Promise<TestServer> {
  let seq = 49590338271490256608559692538361571095921575989136588898n;
  return startH2Server((req, res) => {
    seq += 1n;
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
    res.end(JSON.stringify(req.headers['x-amz-target'] === 'Kinesis_20131202.PutRecord' ? { ShardId: 'shardId-000000000000', SequenceNumber: String(seq), EncryptionType: 'NONE' } : {}));
  });
}
