/** Never print a password from a connection string (PostgreSQL or Redis URL). */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}
