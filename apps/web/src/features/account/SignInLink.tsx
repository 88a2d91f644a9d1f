import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { nextQuery } from './forms/next-path';

/** A link to the sign-in page that brings the person back here afterwards. */
export function SignInLink({ children, className }: { children: ReactNode; className?: string }) {
  const location = useLocation();
  return (
    <Link to={`/sign-in${nextQuery(location.pathname, location.search)}`} className={className}>
      {children}
    </Link>
  );
}
