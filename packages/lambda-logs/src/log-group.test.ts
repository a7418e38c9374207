import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambdaTarget } from './log-group.ts';

test('function name from default, Lambda@Edge and custom log groups', () => {
  assert.deepEqual(lambdaTarget('/aws/lambda/orders', '2024/01/31/[$LATEST]3f1c8a7e9b2d4c6f8a0e1b3d5f7a9c2e'), { function: 'orders', isLambda: true, version: '$LATEST' });
  assert.deepEqual(lambdaTarget('/aws/lambda/us-east-1.image-resizer', '2024/01/31/[12]abc'), { function: 'image-resizer', isLambda: true, version: '12' });
  assert.deepEqual(lambdaTarget('/aws/lambda/us-gov-west-1.edge-fn', 's'), { function: 'edge-fn', isLambda: true, version: null });
  assert.deepEqual(lambdaTarget('/shared/app-logs', '2024/01/31/checkout[$LATEST]3f1c8a7e'), { function: 'checkout', isLambda: true, version: '$LATEST' });
  assert.deepEqual(lambdaTarget('/ecs/web', 'web/web/8f2e1c'), { function: '/ecs/web', isLambda: false, version: null });
  assert.deepEqual(lambdaTarget('/shared/app-logs', '2024/01/31/[$LATEST]3f1c8a7e'), { function: '/shared/app-logs', isLambda: false, version: null });
});
