// A handler whose module imports a package that is not installed.
import 'no-such-package-anywhere';

export const handler = async () => 'unreachable';
