import Foundation
import HTTPTypes
import Hummingbird
import SObjectMetadata

/// `…/query`, `…/queryAll` (each with `?q=` or `/<locator>`) and `…/search?q=`.
struct QueryRoutes {
  var service: QueryService
  var model: ServerModel

  static let queryOptions = HTTPField.Name("Sforce-Query-Options")!

  /// The query string's `name` parameter as a form encodes it (what clients send): `+` is a space,
  /// then percent escapes (Hummingbird's `queryParameters` leaves `+` as it is).
  static func formParameter(_ name: String, of request: Request) -> String? {
    guard let query = request.uri.query else { return nil }
    func decoded(_ text: Substring) -> String {
      let spaced = text.replacingOccurrences(of: "+", with: " ")
      return spaced.removingPercentEncoding ?? spaced
    }
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      if decoded(parts[0]) == name { return parts.count == 2 ? decoded(parts[1]) : "" }
    }
    return nil
  }

  func apiVersion(_ context: some RequestContext) throws -> APIVersion {
    guard let text = context.parameters.get("version"), let version = model.version(fromPathComponent: text) else {
      throw APIError.notFound
    }
    return version
  }

  /// `…/query` or `…/queryAll`.
  func query(all: Bool) -> RouteCollection<BasicRequestContext> {
    let routes = RouteCollection(context: BasicRequestContext.self)
    routes.get { request, context in
      let batchSize = QueryService.batchSize(queryOptions: request.headers[Self.queryOptions])
      return Response.core(
        try await service.query(
          Self.formParameter("q", of: request), version: try apiVersion(context), queryAll: all,
          batchSize: batchSize))
    }
    routes.get(":locator") { _, context in
      let locator = context.parameters.get("locator") ?? ""
      return Response.core(try await service.page(locator: locator, version: try apiVersion(context), queryAll: all))
    }
    return routes
  }

  /// `…/search?q=`.
  func search() -> RouteCollection<BasicRequestContext> {
    let routes = RouteCollection(context: BasicRequestContext.self)
    routes.get { request, context in
      Response.core(try await service.search(Self.formParameter("q", of: request), version: try apiVersion(context)))
    }
    return routes
  }
}
