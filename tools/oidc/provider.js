// A real OpenID Connect provider (oidc-provider) on loopback HTTP, for GAS's OIDC sign-in tests.
//
//   node provider.js --port PORT --client-id ID --client-secret SECRET --redirect-uri URI [--redirect-uri URI ...]
//   (or GAS_OIDC_PORT, GAS_OIDC_CLIENT_ID, GAS_OIDC_CLIENT_SECRET, GAS_OIDC_REDIRECT_URIS=comma,separated)
//
// Prints "ready <issuer>" once it listens. Sign-in goes through oidc-provider's development interactions: a login
// form whose "login" field names one of the accounts below (any password), then a consent form.
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.GAS_OIDC_PORT },
    'client-id': { type: 'string', default: process.env.GAS_OIDC_CLIENT_ID },
    'client-secret': { type: 'string', default: process.env.GAS_OIDC_CLIENT_SECRET },
    'redirect-uri': { type: 'string', multiple: true, default: (process.env.GAS_OIDC_REDIRECT_URIS ?? '').split(',').filter(Boolean) },
  },
});

for (const name of ['port', 'client-id', 'client-secret']) {
  if (!values[name]) {
    console.error(`provider.js: --${name} is required`);
    process.exit(2);
  }
}
if (values['redirect-uri'].length === 0) {
  console.error('provider.js: at least one --redirect-uri is required');
  process.exit(2);
}

// The login names the tests type into the form. Each account's email claim says whether the provider verified it.
const accounts = {
  verified: { email: 'researcher@example.org', email_verified: true, name: 'Rosalind Researcher' },
  unverified: { email: 'unverified@example.org', email_verified: false, name: 'Una Verified' },
};

const issuer = `http://127.0.0.1:${values.port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: values['client-id'],
    client_secret: values['client-secret'],
    redirect_uris: values['redirect-uri'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  cookies: { keys: ['gas-oidc-test-provider-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) {
      return undefined;
    }
    return {
      accountId: id,
      async claims() {
        return { sub: `sub-${id}`, ...account };
      },
    };
  },
});

provider.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
