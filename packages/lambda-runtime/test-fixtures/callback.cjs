// CommonJS callback handlers.
exports.handler = (event, context, callback) => {
  setTimeout(() => callback(null, { style: 'callback', pid: process.pid, got: event }), 5);
};

exports.fails = (event, context, callback) => {
  callback(new TypeError('callback failure'));
};

// The callback result waits for the event loop to empty (callbackWaitsForEmptyEventLoop: true).
exports.waits = (event, context, callback) => {
  const started = Date.now();
  setTimeout(() => console.log('timer done'), 150);
  callback(null, { calledBackAfterMs: Date.now() - started });
};

// ... unless the handler turns it off.
exports.noWait = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  setTimeout(() => console.log('late timer'), 1000);
  callback(null, 'no-wait');
};
