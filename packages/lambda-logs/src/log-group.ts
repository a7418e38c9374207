// Which Lambda function a CloudWatch log group/stream belongs to.
//   /aws/lambda/<name>                    the function's default group
//   /aws/lambda/us-east-1.<name>          Lambda@Edge (replicas log in the edge region's group)
//   any group, stream YYYY/MM/DD/<name>[<version>]<guid>   a custom group shared by functions
// Any other group is not Lambda's: its name stands in for the function.

export interface LogTarget {
  function: string;
  /** True when the group or stream is a Lambda function's. */
  isLambda: boolean;
  /** Function version from the stream name ("$LATEST", "12"), when present. */
  version: string | null;
}

const DEFAULT_GROUP = /^\/aws\/lambda\/(.+)$/;
const EDGE_NAME = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)\.(.+)$/;
const STREAM = /^\d{4}\/\d{2}\/\d{2}\/([A-Za-z0-9_-]{0,140})\[([^\]]{1,64})\]/;

export function lambdaTarget(logGroup: string, logStream: string): LogTarget {
  const stream = STREAM.exec(logStream);
  const version = stream?.[2] ?? null;
  const group = DEFAULT_GROUP.exec(logGroup);
  if (group) {
    const name = group[1] ?? logGroup;
    const edge = EDGE_NAME.exec(name);
    return { function: edge?.[2] ?? name, isLambda: true, version };
  }
  if (stream && stream[1] !== undefined && stream[1] !== '') return { function: stream[1], isLambda: true, version };
  return { function: logGroup, isLambda: false, version: null };
}
