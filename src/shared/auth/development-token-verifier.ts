import { verifyAccessTokenWithExpiry } from './access-token';
import { TokenVerifier, VerifiedAccessToken } from './token-verifier';

/** The embedded default (no AUTH_ISSUER_URL): HS256 development tokens signed with JWT_SECRET. */
export class DevelopmentTokenVerifier extends TokenVerifier {
  constructor(private readonly secret: string) {
    super();
  }

  verify(token: string): Promise<VerifiedAccessToken> {
    return new Promise((resolve) => resolve(verifyAccessTokenWithExpiry(token, this.secret)));
  }
}
