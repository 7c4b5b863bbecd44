/** What an action is doing, what it did, or why it could not: announced to screen readers too. */
export function ActionStatus({ busy, message, error }: { busy: boolean; message: string | null; error: string | null }) {
  return (
    <>
      {busy && <p role="status">Preparing, signing in this page, and sending…</p>}
      {message && <p role="status" className="done">{message}</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </>
  );
}
