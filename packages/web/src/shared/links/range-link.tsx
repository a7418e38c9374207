import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DEFAULT_RANGE } from '../time-range/time-range';
import { withRange } from './paths';

/** Returns a function that adds the current ?range= to an in-app path. */
export function useRangePath(): (path: string) => string {
  const [params] = useSearchParams();
  const range = params.get('range');
  return (path: string) => withRange(path, range, DEFAULT_RANGE);
}

interface RangeLinkProps {
  to: string;
  children: ReactNode;
  className?: string;
  title?: string;
  'data-testid'?: string;
}

/** A router link that keeps the current time range. */
export function RangeLink({ to, children, ...rest }: RangeLinkProps) {
  const rangePath = useRangePath();
  return (
    <Link to={rangePath(to)} {...rest} onClick={(e) => e.stopPropagation()}>
      {children}
    </Link>
  );
}
