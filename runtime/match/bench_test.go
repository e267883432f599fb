package match

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// httpUnits returns HTTP request units with the buffers the flow tracker
// fills, and the bytes of the requests they stand for.
func httpUnits(n int) ([]*inspect.Unit, int) {
	rng := rand.New(rand.NewPCG(5, 6))
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	total := 0
	units := make([]*inspect.Unit, n)
	for i := range units {
		method := pick("GET", "GET", "GET", "POST", "HEAD")
		host := pick("www.example.com", "cdn.static-files.net", "api.service.io", "update.vendor.org")
		uri := fmt.Sprintf("/%s/%s.%s?id=%d&session=%x&lang=%s", pick("static", "api/v2", "images", "download", "news"),
			pick("index", "main", "logo", "article", "update"), pick("html", "js", "png", "php", "json"),
			rng.IntN(100000), rng.Uint64(), pick("en", "de", "fr"))
		ua := pick("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
			"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "curl/8.5.0")
		cookie := fmt.Sprintf("sid=%x; theme=%s", rng.Uint64(), pick("dark", "light"))
		body := ""
		if method == "POST" {
			body = fmt.Sprintf("user=%s&comment=%s", pick("alice", "bob"), strings.Repeat(pick("lorem ", "ipsum ", "dolor "), 20+rng.IntN(40)))
		}
		headers := [][2]string{{"Host", host}, {"User-Agent", ua}, {"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"},
			{"Accept-Language", "en-US,en;q=0.5"}, {"Accept-Encoding", "gzip, deflate"}, {"Connection", "keep-alive"}, {"Cookie", cookie}}
		if body != "" {
			headers = append(headers, [2]string{"Content-Type", "application/x-www-form-urlencoded"}, [2]string{"Content-Length", fmt.Sprint(len(body))})
		}
		var raw, names strings.Builder
		for _, h := range headers {
			fmt.Fprintf(&raw, "%s: %s\r\n", h[0], h[1])
			fmt.Fprintf(&names, "\r\n%s", h[0])
		}
		line := fmt.Sprintf("%s %s HTTP/1.1", method, uri)
		u := &inspect.Unit{Kind: inspect.KindApp}
		for name, v := range map[string]string{
			"http.method": method, "http.uri": uri, "http.uri.raw": uri, "http.host": host, "http.host.raw": host,
			"http.user_agent": ua, "http.cookie": cookie, "http.header": raw.String(), "http.header.raw": raw.String(),
			"http.header_names": names.String() + "\r\n\r\n", "http.request_line": line, "http.protocol": "HTTP/1.1",
			"http.start": line + "\r\n" + raw.String() + "\r\n", "http.accept": headers[2][1], "http.accept_lang": headers[3][1],
			"http.accept_enc": headers[4][1], "http.connection": "keep-alive",
		} {
			u.SetBuffer(name, []byte(v))
		}
		if body != "" {
			u.SetBuffer("http.request_body", []byte(body))
			u.SetBuffer("http.content_type", []byte(headers[7][1]))
			u.SetBuffer("http.content_len", []byte(headers[8][1]))
		}
		units[i] = u
		total += len(line) + 2 + raw.Len() + 2 + len(body)
	}
	return units, total
}

// BenchmarkMatchHTTP matches HTTP request units against every userspace
// rule of ET Open: with a group of all of them, and with MatchAll. The bytes are those of the requests.
func BenchmarkMatchHTTP(b *testing.B) {
	e, _ := Compile(etUserspace(b))
	g := e.NewGroup(e.All())
	units, total := httpUnits(256)
	for _, bc := range []struct {
		name  string
		match func(u *inspect.Unit) []int
	}{
		{"Group", func(u *inspect.Unit) []int { return g.Match(u, nil) }},
		{"MatchAll", e.MatchAll},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(total / len(units)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				bc.match(units[i%len(units)])
				i++
			}
		})
	}
}
