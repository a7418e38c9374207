/** First-run help: how to get data into Nightjar. */
export function FunctionsEmptyState({ rangeText }: { rangeText: string }) {
  const origin = typeof window === 'undefined' ? 'http://localhost:8318' : window.location.origin;
  return (
    <div className="onboarding" data-testid="empty-state">
      <div className="onboarding-title">No functions reported in the last {rangeText}</div>
      <p className="onboarding-lead">Send telemetry from your Lambda functions and they appear here within seconds.</p>
      <ol className="onboarding-steps">
        <li>
          <div className="step-title">Try it with demo traffic</div>
          <pre className="code code-inline">npm start -- --demo</pre>
        </li>
        <li>
          <div className="step-title">OpenTelemetry (traces and logs)</div>
          <p>
            Point any OTel SDK or the Nightjar tracer at the OTLP/HTTP endpoint <code className="mono">http://localhost:4318</code>{' '}
            (<code className="mono">/v1/traces</code>, <code className="mono">/v1/logs</code>, <code className="mono">/v1/metrics</code>).
          </p>
          <pre className="code code-inline">OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318</pre>
        </li>
        <li>
          <div className="step-title">CloudWatch Logs via Kinesis Data Firehose</div>
          <p>
            Subscribe your <code className="mono">/aws/lambda/*</code> log groups to a Firehose stream with an HTTP endpoint destination:
          </p>
          <pre className="code code-inline">{`${origin}/ingest/firehose`}</pre>
        </li>
      </ol>
    </div>
  );
}
