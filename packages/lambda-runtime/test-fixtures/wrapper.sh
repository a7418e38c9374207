#!/bin/bash
# An AWS_LAMBDA_EXEC_WRAPPER script: gets the runtime's command as arguments, changes the
# environment, then execs the runtime (as tracer layers do).
export WRAPPED_BY="nightjar-wrapper"
export WRAPPER_ARGS="$*"
exec "$@"
