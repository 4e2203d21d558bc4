import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ME_KEY, useMe } from '../../api/me';
import type { Me } from '../../api/types';
import { flushOutbox } from './outbox';

/**
 * Sends what waits in the outbox at the app's start (whatever the page) and whenever the network
 * returns. Only the logged-in person's entries: someone else's wait for them on a shared device.
 */
export function OutboxSender() {
  const queryClient = useQueryClient();
  const userId = useMe().data?.user.id;
  useEffect(() => {
    if (userId === undefined) return;
    const sent = () => void queryClient.invalidateQueries({ queryKey: ['declarations'] });
    void flushOutbox(userId, sent);
    const online = async () => {
      // The session's CSRF token may never have been read (the app started offline): read /me again first.
      await queryClient.refetchQueries({ queryKey: ME_KEY });
      const me = queryClient.getQueryData<Me | null>(ME_KEY);
      if (me?.user.id === userId) await flushOutbox(userId, sent);
    };
    const listener = () => void online();
    window.addEventListener('online', listener);
    return () => window.removeEventListener('online', listener);
  }, [userId, queryClient]);
  return null;
}
