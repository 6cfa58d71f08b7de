import Foundation

/// Writes `text` to standard output. To a terminal, control characters are made visible
/// (`sanitizedLines`), so that a value in the data (a name, a note, a kind) can never set the
/// window title, write the clipboard or clear the screen; to a file or a pipe the bytes are exact.
/// Every command's report and export to standard output goes through here.
func writeOut(_ text: String) {
    fflush(nil)  // after anything `print` left in the buffer
    let shown = isatty(STDOUT_FILENO) == 1 ? text.sanitizedLines : text
    FileHandle.standardOutput.write(Data(shown.utf8))
}
