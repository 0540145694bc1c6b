extension String {
  /// The text split at every LF, empty pieces kept, as splitting its characters at "\n" splits it:
  /// on bytes when it holds no CR (CR LF is the one character that holds an LF but is not one).
  func splitAtLineFeeds() -> [Substring] {
    if utf8.contains(0x0D) { return split(separator: "\n", omittingEmptySubsequences: false) }
    return utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
  }
}
