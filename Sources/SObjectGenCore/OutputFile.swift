import Foundation

/// One file an emitter produces: a path relative to the output folder, and its bytes.
public struct OutputFile: Hashable, Sendable {
  public var path: String
  public var contents: Data

  public init(path: String, contents: Data) {
    self.path = path
    self.contents = contents
  }

  public init(path: String, text: String) {
    self.init(path: path, contents: Data(text.utf8))
  }

  public init(path: String, bytes: [UInt8]) {
    self.init(path: path, contents: Data(bytes))
  }

  public var text: String { String(decoding: contents, as: UTF8.self) }
}
