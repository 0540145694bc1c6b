/// Paths taken apart and joined as text, in UTF-8, without bridging to `NSString`: a run over a large
/// org does this for every metadata file and every output (21,000 at 3,000 objects), and on Linux
/// each bridged call copies the string into a new object and back (4 % of a one-file edit's CPU).
///
/// For the paths the generator makes (a folder, a slash, a name), each gives what `NSString`'s
/// `lastPathComponent`, `deletingPathExtension` and `appendingPathComponent` give; `PathTextTests`
/// compares them.
public enum PathText {
  private static let slash = UInt8(ascii: "/")
  private static let dot = UInt8(ascii: ".")

  /// The last component: what follows the last slash, trailing slashes aside.
  public static func lastComponent(of path: String) -> String {
    let bytes = Array(path.utf8)
    var end = bytes.count
    while end > 1 && bytes[end - 1] == slash { end -= 1 }
    var start = end
    while start > 0 && bytes[start - 1] != slash { start -= 1 }
    if start == end { return end == 0 ? "" : "/" }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// A file name without its extension (`Visit.yaml` → `Visit`). A leading dot does not start an
  /// extension (`.yaml` stays), nor does the second dot of `..`.
  public static func stem(of name: String) -> String {
    let bytes = Array(name.utf8)
    guard let dotIndex = bytes.lastIndex(of: dot), dotIndex > 0, !(bytes == [dot, dot]) else { return name }
    return String(decoding: bytes[..<dotIndex], as: UTF8.self)
  }

  /// `relative` inside the folder `root`, joined by one slash.
  public static func joined(_ root: String, _ relative: String) -> String {
    if root.isEmpty { return relative }
    if relative.isEmpty { return root }
    return root.utf8.last == slash ? root + relative : root + "/" + relative
  }
}
