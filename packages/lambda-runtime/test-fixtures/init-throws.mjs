// A module that fails while loading (init phase).
throw new Error('config missing at init');
