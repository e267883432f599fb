package smtp

import "testing"

func TestFindToken(t *testing.T) {
	for _, c := range []struct {
		v, token, want string
		ok             bool
	}{
		{`attachment; filename="a b.pdf"`, "filename", "a b.pdf", true},
		{`attachment; filename=plain.txt ; size=3`, "filename", "plain.txt", true},
		{`attachment; filename*0="long"; filename*1="name.doc"`, "filename", "longname.doc", true},
		{`attachment`, "filename", "", false},
		{`multipart/mixed; charset=x;` + "\n" + ` boundary="----_b"`, "boundary", "----_b", true},
		{`text/plain; name="esc\"aped"`, "name", `esc\"aped`, true},
	} {
		got, ok := findToken([]byte(c.v), c.token)
		if ok != c.ok || string(got) != c.want {
			t.Errorf("findToken(%q, %q) = %q, %v; want %q, %v", c.v, c.token, got, ok, c.want, c.ok)
		}
	}
}

func TestValidDomain(t *testing.T) {
	for in, want := range map[string]int{"a-1.oisf.net more": 12, "justatext": 0, "1.com": 0, "a-.com": 0, "a.b.": 0, "mail.x.y\r\n": 8} {
		if got := ValidDomain([]byte(in)); got != want {
			t.Errorf("ValidDomain(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestSplitComma(t *testing.T) {
	got := splitComma([]byte(` a@b, "c, d" <e@f>,, g`))
	// Suricata's splitter keeps a comma that follows an empty entry
	want := []string{"a@b", `"c, d" <e@f>`, ", g"}
	if len(got) != len(want) {
		t.Fatalf("%q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%q", got)
		}
	}
}

func TestBase64Decoder(t *testing.T) {
	var d b64Decoder
	out, ok := d.decode(nil, []byte("aGVs\r\nbG8"))
	out = d.flush(out)
	if !ok || string(out) != "hello" {
		t.Errorf("%q %v", out, ok)
	}
	if _, ok := d.decode(nil, []byte("=abc")); ok {
		t.Error("a quantum starting with '=' decoded")
	}
}

// TestFindURLsAcrossChunks: a URL split over two decoded chunks is found
// once its line ends; text before the last line end is searched at once.
func TestFindURLsAcrossChunks(t *testing.T) {
	var cut uint64
	cfg := DefaultConfig()
	m := &Mime{cfg: &cfg, schemes: []string{"http://"}, truncated: &cut}
	m.findURLs([]byte("see http://a.b/c d\nmore http://x"))
	m.findURLs([]byte(".y/z end\n"))
	got := stringList(m.URLs)
	if len(got) != 2 || got[0] != "a.b/c" || got[1] != "x.y/z" {
		t.Errorf("urls %q", got)
	}
}

// TestPartRestart: a part's content type does not carry over to the next
// part, which without its own is text again and searched for URLs.
func TestPartRestart(t *testing.T) {
	p := NewParser(DefaultConfig())
	txs := session(t, p, "S:220 x.y\r\n", "C:EHLO a\r\n", "S:250 ok\r\n", "C:DATA\r\n", "S:354 go\r\n",
		"C:Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: image/gif\r\n\r\nhttp://no.pe\r\n"+
			"--b\r\n\r\nhttp://yes.pe\r\n--b--\r\n.\r\n")
	if got := stringList(txs[len(txs)-1].Mime.URLs); len(got) != 1 || got[0] != "yes.pe\r\n" {
		t.Errorf("urls %q", got)
	}
}

// TestCustomEmailFields: the eve-log smtp type's custom list adds main
// headers to the email section, by EVE key or header name, in their form.
func TestCustomEmailFields(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LogCustom = "subject x-mailer received bcc nonsense"
	p := NewParser(cfg)
	txs := session(t, p, "S:220 x.y\r\n", "C:EHLO a\r\n", "S:250 ok\r\n", "C:DATA\r\n", "S:354 go\r\n",
		"C:Subject: hi\r\nX-Mailer: m 1\r\nReceived: a\r\nReceived: b\r\nBcc: c@d, e@f\r\nDate: now\r\n\r\nbody\r\n.\r\n")
	e := Record(p, txs[len(txs)-1])["email"]
	if e["subject"] != "hi" || e["x_mailer"] != "m 1" || e["date"] != nil {
		t.Errorf("email %v", e)
	}
	if r, _ := e["received"].([]string); len(r) != 2 || r[1] != "b" {
		t.Errorf("received %v", e["received"])
	}
	if b, _ := e["bcc"].([]string); len(b) != 2 || b[1] != "e@f" {
		t.Errorf("bcc %v", e["bcc"])
	}
}
