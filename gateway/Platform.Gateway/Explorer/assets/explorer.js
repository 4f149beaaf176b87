// Starts GraphiQL against the endpoint that served this page. A query in the address (?query=...) opens in the editor.
(function () {
  var endpoint = window.location.origin + window.location.pathname;
  var params = new URLSearchParams(window.location.search);
  var defaultQuery = [
    '# Platform GraphQL API. Sign in with the signIn mutation, then put the token',
    '# in the Headers tab as {"Authorization": "Bearer <token>"}.',
    '# Every response reports its cost and your remaining points in extensions.cost.',
    '{',
    '  me {',
    '    email',
    '    workspaces(first: 10) {',
    '      nodes { id name status balance { amount currency } }',
    '      pageInfo { hasNextPage endCursor }',
    '    }',
    '  }',
    '}',
    ''
  ].join('\n');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: GraphiQL.createFetcher({ url: endpoint }),
    defaultQuery: defaultQuery,
    query: params.get('query') || undefined,
    variables: params.get('variables') || undefined,
    defaultHeaders: '{\n  "Authorization": "Bearer <token>"\n}',
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: true
  }));
})();
