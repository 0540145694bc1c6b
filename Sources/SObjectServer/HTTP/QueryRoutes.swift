import Foundation
import HTTPTypes
import Hummingbird
import SObjectMetadata

/// `…/query`, `…/queryAll` (each with `?q=` or `/<locator>`) and `…/search?q=`.
struct QueryRoutes {
  var service: QueryService
  var model: ServerModel

  static let queryOptions = HTTPField.Name("Sforce-Query-Options")!

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
          request.uri.queryParameters.get("q"), version: try apiVersion(context), queryAll: all,
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
      Response.core(try await service.search(request.uri.queryParameters.get("q"), version: try apiVersion(context)))
    }
    return routes
  }
}
