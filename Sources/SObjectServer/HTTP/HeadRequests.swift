import Hummingbird

/// HEAD on any resource, as Salesforce answers it: the GET's status and headers (Content-Length
/// included), without the body. Wraps the router, so that every GET route answers HEAD too.
struct HeadRequestResponder<Inner: HTTPResponder>: HTTPResponder {
  typealias Context = Inner.Context
  var inner: Inner

  func respond(to request: Request, context: Context) async throws -> Response {
    guard request.method == .head else { return try await inner.respond(to: request, context: context) }
    var head = request.head
    head.method = .get
    let response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
    // The headers keep the GET body's Content-Length; the body itself is not sent.
    return Response(status: response.status, headers: response.headers, body: ResponseBody())
  }
}
