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
