// What a TV shows for a link that does not work (unknown, revoked or another service's token):
// answered with status 404 (page.tsx calls notFound()), not 200 as a wall would be.
export default function TvLinkRefused() {
  return (
    <main className="mx-auto max-w-xl p-8 text-center">
      <h1 className="mb-2 text-2xl font-bold">This wall display link does not work</h1>
      <p className="text-slate-600 dark:text-slate-400">
        The token is unknown, was revoked, or belongs to another service. A token manager of the service can create a new link.
      </p>
    </main>
  );
}
