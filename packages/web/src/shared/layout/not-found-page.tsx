import { Link } from 'react-router';
import { EmptyState } from '../ui/states';

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found">
      Nothing lives at this address. <Link to="/">Go to Functions</Link>.
    </EmptyState>
  );
}
