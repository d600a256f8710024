/** How views reach the session: one context, provided once by main.ts. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from '../session/session';

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('A view was drawn outside the session (SessionContext is missing).');
  return session;
}
