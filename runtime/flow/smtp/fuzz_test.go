package smtp

import "testing"

// FuzzParser feeds both directions of arbitrary sessions in arbitrary
// pieces: the parser must not panic and holds at most a line.
func FuzzParser(f *testing.F) {
	f.Add([]byte("EHLO a\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n"), []byte("220 x.y\r\n250 ok\r\n250 ok\r\n250 ok\r\n354 go\r\n"),
		[]byte("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=a\r\n\r\nQUJD\r\n--b--\r\n.\r\n"), uint8(7))
	f.Add([]byte("BDAT 3\r\nabcdef\r\n"), []byte("220-x.y\r\n220 z\r\n"), []byte("=4\r\n=\r\n-\r\n"), uint8(1))
	f.Fuzz(func(t *testing.T, client, server, data []byte, step uint8) {
		p := NewParser(DefaultConfig())
		n := int(step%32) + 1
		feed := func(toServer bool, b []byte) {
			for len(b) > 0 {
				k := min(n, len(b))
				p.Feed(toServer, b[:k])
				b = b[k:]
				if p.Held() > 2*lineLimit {
					t.Fatalf("holds %d bytes", p.Held())
				}
			}
		}
		feed(false, server)
		feed(true, client)
		feed(true, data)
		feed(false, server)
	})
}
