// Runs every graphql-http server audit against the GraphQL endpoint given as the first argument and prints
// one JSON array: [{ id, name, status, reason }]. The gateway test asserts that every MUST audit is ok.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql-endpoint-url>');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
console.log(JSON.stringify(results));
