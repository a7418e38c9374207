#!/bin/sh
# Nightjar's AWS_LAMBDA_EXEC_WRAPPER (the layer's /opt/nightjar-wrapper). Lambda runs it with the
# runtime's command as arguments: it keeps the function's handler in NIGHTJAR_ORIGINAL_HANDLER, points
# _HANDLER at the tracer's handler module beside this script, and execs the runtime.
case "$0" in
  */*) layer_dir=${0%/*} ;;
  *) layer_dir=. ;;
esac
case "$layer_dir" in
  /*) ;;
  *) layer_dir=$(cd "$layer_dir" && pwd) ;;
esac
nightjar_handler="$layer_dir/nodejs/node_modules/@nightjar/lambda/handler.handler"
if [ -n "${_HANDLER:-}" ] && [ "$_HANDLER" != "$nightjar_handler" ]; then
  export NIGHTJAR_ORIGINAL_HANDLER="$_HANDLER"
  export _HANDLER="$nightjar_handler"
fi
exec "$@"
