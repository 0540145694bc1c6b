/// An indenting line writer for generated Swift.
struct SwiftCodeWriter {
  private(set) var text = ""
  private var depth = 0

  mutating func line(_ content: String = "") {
    if content.isEmpty {
      text += "\n"
    } else {
      text += String(repeating: "  ", count: depth) + content + "\n"
    }
  }

  /// `header {`, the body one level deeper, then `}`.
  mutating func block(_ header: String, _ body: (inout SwiftCodeWriter) -> Void) {
    line(header + " {")
    depth += 1
    body(&self)
    depth -= 1
    line("}")
  }

  /// `switch subject {`, the cases at the switch's own depth (as swift-format lays them out), then `}`.
  mutating func switchBlock(_ subject: String, _ body: (inout SwiftCodeWriter) -> Void) {
    line("switch \(subject) {")
    body(&self)
    line("}")
  }

  /// A documentation comment, wrapped at `width` columns; each line of `text` is a paragraph
  /// (blank lines and bullet lines starting `- ` are kept).
  /// Every line terminator Swift or Unicode knows (CR, LF, CR LF, VT, FF, NEL, U+2028, U+2029) breaks
  /// a paragraph, and control and bidirectional formatting characters are shown as `\u{…}`, so that
  /// no text can end the comment and become code.
  mutating func doc(_ text: String, width: Int = 96) {
    let paragraphs = SwiftNames.lines(text).filter { !$0.isEmpty }.map(SwiftNames.commentText)
    for (index, paragraph) in paragraphs.enumerated() {
      let isBullet = paragraph.hasPrefix("- ")
      let previousIsBullet = index > 0 && paragraphs[index - 1].hasPrefix("- ")
      if index > 0 && !(isBullet && previousIsBullet) { line("///") }
      var current = ""
      var first = true
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
        if !current.isEmpty && current.count + 1 + word.count > width {
          line("/// " + (isBullet && !first ? "  " : "") + current)
          current = ""
          first = false
        }
        current += current.isEmpty ? String(word) : " " + word
      }
      line(current.isEmpty ? "///" : "/// " + (isBullet && !first ? "  " : "") + current)
    }
  }
}
