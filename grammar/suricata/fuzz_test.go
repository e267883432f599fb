package suricata

import "testing"

func FuzzParseFile(f *testing.F) {
	for _, s := range []string{
		`alert tcp $HOME_NET any -> $EXTERNAL_NET [80,8080:] (msg:"x\;y"; content:"|41 42|"; nocase; sid:1;)`,
		"# drop udp any any <> [10.0.0.0/8,!10.1.0.0/16] !53 (sid:2;)\n",
		"alert http any any -> any any (http.uri; \\\n content:\"/a\"; sid:3;)",
		`pass ip [1.2.3.4-1.2.3.9,::1] :1023 -> any any (pcre:"/a(b|c)/Ri"; sid:4;)`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		rules, _ := ParseFile("fuzz.rules", src)
		for _, r := range rules {
			text := Format(r)
			again, err := ParseRule("fuzz.rules", text)
			if err != nil {
				t.Fatalf("Format output does not parse: %q: %v", text, err)
			}
			if Format(again) != text {
				t.Fatalf("Format not stable: %q -> %q", text, Format(again))
			}
		}
	})
}
