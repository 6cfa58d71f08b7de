import XCTest
@testable import NetTUI

/// The frame a large file is read behind (OpenCommand.openLarge; tried in a pty in docs/BENCHMARKS.md).
final class LoadingViewTests: XCTestCase {
    func testTheFrameNamesTheFileItsSizeTheTimeAndTheQuitKey() {
        let frame = LoadingView.frame(path: "/data/Työ/verkosto.json", bytes: 198_827_320, seconds: 0.43, width: 80, height: 24)
        assertScreen(frame.screen, """
             NetTUI · verkosto.json
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks









                                 Reading verkosto.json (199 MB) · 0.4 s
                                        /data/Työ/verkosto.json










             loading · q quit
            """)
        XCTAssertNil(frame.cursor)
    }

    func testTheQuitKeysAreTheKeymaps() {
        XCTAssertEqual(LoadingView.quitKeys, [.char("q"), .ctrl("c")])
        for key in LoadingView.quitKeys { XCTAssertEqual(Keymap.action(for: key, in: .contacts), .quit) }
    }

    func testSmallFilesShowOneDecimal() {
        XCTAssertEqual(LoadingView.megabytes(4_194_304), "4.2")
        XCTAssertEqual(LoadingView.megabytes(19_800_000), "20")
    }

    func testATinyTerminalGetsWhatFits() {
        for (w, h) in [(1, 1), (12, 3), (20, 6), (300, 80)] {
            let frame = LoadingView.frame(path: "/tmp/a-very-long-file-name-of-a-network.json", bytes: 5 << 20, seconds: 12.25, width: w, height: h)
            let lines = frame.screen.text.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertEqual(lines.count, h)
            if w >= 12 { XCTAssertTrue(lines.last!.hasPrefix(" loading"), "\(w)×\(h): \(lines.last!)") }
        }
    }
}
