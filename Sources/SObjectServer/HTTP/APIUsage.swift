import Hummingbird

/// Salesforce's `Sforce-Limit-Info: api-usage=N/LIMIT` on every answer to an authenticated call: N
/// counts the calls this server has answered since it started (the token endpoint and refused
/// tokens are not calls). The server reports the limit; it never refuses a call for it.
struct APIUsageMiddleware<Context: RequestContext>: RouterMiddleware {
  var limit: Int
  let count = Counter()

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response = try await next(request, context)
    guard response.status != .unauthorized, request.uri.path != "/services/oauth2/token" else { return response }
    response.headers[.init("Sforce-Limit-Info")!] = "api-usage=\(count.increment())/\(limit)"
    return response
  }
}
