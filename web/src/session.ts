import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, type Session } from './api.ts';

const KEY = ['session'];

/** The signed-in person (null when nobody is), from the session cookie. */
export function useSession() {
  return useQuery({
    queryKey: KEY,
    queryFn: async (): Promise<Session | null> => {
      try {
        const s = await api<Session>('/api/v1/auth/session');
        setCsrfToken(s.csrfToken);
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setCsrfToken(undefined);
          return null;
        }
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api<Session>('/api/v1/auth/login', { method: 'POST', body }),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      qc.setQueryData(KEY, s);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/v1/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(undefined);
      qc.setQueryData(KEY, null);
      void qc.invalidateQueries();
    },
  });
}

export const isStaff = (s: Session | null | undefined) => s?.user.role === 'staff' || s?.user.role === 'admin';
