package match

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// payload and http build the units of the keyword tables.
func payload(s string) *inspect.Unit { return packetUnit(6, map[string]string{"payload": s}) }

func http(bufs ...string) *inspect.Unit {
	m := map[string]string{}
	for i := 0; i+1 < len(bufs); i += 2 {
		m[bufs[i]] = bufs[i+1]
	}
	return appUnit(m)
}

type matchCase struct {
	name string
	rule string // options, without sid
	unit *inspect.Unit
	want bool
}

func runCases(t *testing.T, header string, cases []matchCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rules := compileRules(t, fmt.Sprintf("%s (%s sid:1;)", header, tc.rule))
			e, err := Compile(rules)
			if err != nil {
				t.Fatal(err)
			}
			for prefilter, got := range []bool{len(e.confirmEach(tc.unit, []int{0})) == 1, len(e.groupMatch(tc.unit, []int{0})) == 1} {
				if got != tc.want {
					t.Errorf("%s: match = %v, want %v (prefilter %v)", tc.rule, got, tc.want, prefilter == 1)
				}
			}
		})
	}
}

func TestContent(t *testing.T) {
	runCases(t, "alert tcp any any -> any any", []matchCase{
		{"found", `content:"needle";`, payload("hay needle hay"), true},
		{"not found", `content:"needle";`, payload("hay neddle hay"), false},
		{"case-sensitive", `content:"Needle";`, payload("needle"), false},
		{"nocase", `content:"NEEDLE"; nocase;`, payload("a NeEdLe"), true},
		{"nocase is ASCII only", `content:"|c9|"; nocase;`, payload("\xe9"), false},
		{"binary", `content:"|00 ff|abc|0d 0a|";`, payload("x\x00\xffabc\r\n"), true},
		{"offset", `content:"b"; offset:2;`, payload("abcb"), true},
		{"offset excludes", `content:"b"; offset:2;`, payload("abc"), false},
		{"depth", `content:"c"; depth:3;`, payload("abc"), true},
		{"depth excludes", `content:"c"; depth:2;`, payload("abc"), false},
		{"depth counts from offset", `content:"c"; offset:2; depth:1;`, payload("abc"), true},
		{"offset and depth window", `content:"b"; offset:1; depth:2;`, payload("aaab"), false},
		{"distance", `content:"a"; content:"b"; distance:1;`, payload("ab"), false},
		{"distance holds", `content:"a"; content:"b"; distance:1;`, payload("axb"), true},
		{"within", `content:"a"; content:"b"; within:2;`, payload("axxb"), false},
		{"distance and within", `content:"a"; content:"b"; distance:1; within:1;`, payload("axb"), true},
		{"distance and within too far", `content:"a"; content:"b"; distance:1; within:1;`, payload("axxb"), false},
		{"negative distance", `content:"bc"; content:"a"; distance:-3; within:1;`, payload("abc"), true},
		{"relative first content counts from 0", `content:"a"; distance:1;`, payload("a"), false},
		{"backtracking", `content:"a"; content:"b"; within:2;`, payload("a..a b"), true},
		{"backtracking three deep", `content:"a"; content:"b"; distance:0; content:"c"; within:1;`, payload("a b a bc"), true},
		{"backtracking finds nothing", `content:"a"; content:"b"; within:2;`, payload("a..a..b"), false},
		{"absolute content is not retried", `content:"a"; content:"b"; depth:1;`, payload("ba"), true},
		{"startswith", `content:"GET"; startswith;`, payload("GET /"), true},
		{"startswith elsewhere", `content:"GET"; startswith;`, payload(" GET /"), false},
		{"endswith", `content:".exe"; endswith;`, payload("a.exe"), true},
		{"endswith elsewhere", `content:".exe"; endswith;`, payload("a.exe.txt"), false},
		{"endswith later occurrence", `content:".exe"; endswith;`, payload("a.exe.exe"), true},
		{"startswith and endswith", `content:"abc"; startswith; endswith;`, payload("abc"), true},
		{"startswith and endswith, longer", `content:"abc"; startswith; endswith;`, payload("abcd"), false},
		{"negated", `content:!"evil";`, payload("good"), true},
		{"negated found", `content:!"evil";`, payload("so evil"), false},
		{"negated with depth", `content:!"evil"; depth:5;`, payload("so evil"), true},
		{"negated relative", `content:"a"; content:!"b"; within:1;`, payload("ab"), false},
		{"negated relative elsewhere", `content:"a"; content:!"b"; within:1;`, payload("a b"), true},
		{"negated relative retries the anchor", `content:"a"; content:!"b"; within:1;`, payload("ab ac"), true},
		{"negated endswith", `content:!".exe"; endswith;`, payload("a.exe"), false},
		{"negated endswith elsewhere", `content:!".exe"; endswith;`, payload("a.exe.txt"), true},
		{"negated window past the end", `content:"a"; content:!"b"; distance:5;`, payload("ab"), true},
		{"rawbytes is ignored", `content:"a"; rawbytes;`, payload("a"), true},
		{"fast_pattern chop", `content:"abcdef"; fast_pattern:2,2;`, payload("xabcdefx"), true},
		{"fast_pattern chop alone is not enough", `content:"abcdef"; fast_pattern:2,2;`, payload("xcdx"), false},
		{"fast_pattern only", `content:"abc"; fast_pattern:only;`, payload("xabc"), true},
		{"missing buffer", `content:"a";`, http("http.uri", "a"), false},
	})
}

func TestByteKeywords(t *testing.T) {
	runCases(t, "alert tcp any any -> any any", []matchCase{
		{"byte_test big endian", `byte_test:2,=,258,0;`, payload("\x01\x02"), true},
		{"byte_test little endian", `byte_test:2,=,513,0,little;`, payload("\x01\x02"), true},
		{"byte_test too short", `byte_test:2,=,1,1;`, payload("\x01\x02"), false},
		{"byte_test greater", `byte_test:1,>,5,0;`, payload("\x06"), true},
		{"byte_test less or equal", `byte_test:1,<=,5,0;`, payload("\x06"), false},
		{"byte_test and", `byte_test:1,&,2,0;`, payload("\x03"), true},
		{"byte_test xor", `byte_test:1,^,3,0;`, payload("\x03"), false},
		{"byte_test negated", `byte_test:1,!=,3,0;`, payload("\x03"), false},
		{"byte_test bitmask shifts", `byte_test:1,=,1,0,bitmask 0xf0;`, payload("\x1f"), true},
		{"byte_test string dec", `byte_test:3,>,99,0,string,dec;`, payload("100"), true},
		{"byte_test string stops at a non-digit", `byte_test:4,=,12,0,string,dec;`, payload("12ab"), true},
		{"byte_test string skips spaces", `byte_test:4,=,12,0,string,dec;`, payload("  12"), true},
		{"byte_test string without digits", `byte_test:2,=,0,0,string,dec;`, payload("ab"), false},
		{"byte_test string hex", `byte_test:4,=,255,0,string,hex;`, payload("0xff"), true},
		{"byte_test string oct", `byte_test:3,=,8,0,string,oct;`, payload("010"), true},
		{"byte_test relative", `content:"x"; byte_test:1,=,65,0,relative;`, payload("xA"), true},
		{"byte_test relative at the end", `content:"x"; byte_test:1,=,65,0,relative;`, payload("Ax"), false},
		{"byte_test relative retries the anchor", `content:"x"; byte_test:1,=,65,0,relative;`, payload("xBxA"), true},
		{"byte_test negative relative offset", `content:"AB"; byte_test:1,=,65,-2,relative;`, payload("AB"), true},
		{"byte_jump", `byte_jump:1,0; content:"X"; within:1;`, payload("\x02abX"), true},
		{"byte_jump lands elsewhere", `byte_jump:1,0; content:"X"; within:1;`, payload("\x01abX"), false},
		{"byte_jump relative", `content:"L"; byte_jump:1,0,relative; content:"X"; within:1;`, payload("L\x01aX"), true},
		{"byte_jump multiplier", `byte_jump:1,0,multiplier 2; content:"X"; within:1;`, payload("\x02abcdX"), true},
		{"byte_jump align", `byte_jump:1,0,align; content:"X"; within:1;`, payload("\x02abcdX"), true},
		{"byte_jump post_offset", `byte_jump:1,0,post_offset -1; content:"X"; within:1;`, payload("\x02aXb"), true},
		{"byte_jump from_beginning", `content:"Z"; byte_jump:1,0,relative,from_beginning; content:"X"; within:1;`, payload("Z\x02X"), true},
		{"byte_jump from_end", `byte_jump:1,0,from_end,post_offset -2; content:"Z"; within:1;`, payload("\x00abZY"), true},
		{"byte_jump to the end", `byte_jump:1,0; isdataat:!1,relative;`, payload("\x01x"), true},
		{"byte_jump past the end", `byte_jump:1,0;`, payload("\x05x"), false},
		{"byte_jump before the start clamps", `byte_jump:1,0,post_offset -10; content:"|00|"; within:1;`, payload("\x00x"), true},
		{"byte_jump string", `byte_jump:2,0,string,dec; content:"X"; within:1;`, payload("03abcX"), true},
		{"byte_test bytes from a variable", `byte_extract:1,0,n; byte_test:n,=,0x0102,1;`, payload("\x02\x01\x02"), true},
		{"byte_test bytes from a variable, other value", `byte_extract:1,0,n; byte_test:n,=,0x0102,1;`, payload("\x01\x01\x02"), false},
		{"byte_test bytes from a variable past 8", `byte_extract:1,0,n; byte_test:n,>,0,1;`, payload("\x09123456789"), false},
		{"byte_jump bytes from a variable", `byte_extract:1,0,n; byte_jump:n,1; content:"X"; within:1;`, payload("\x02\x00\x01aX"), true},
		{"byte_extract into distance", `content:"L"; byte_extract:1,0,len,relative; content:"X"; distance:len; within:1;`, payload("L\x02abX"), true},
		{"byte_extract into distance misses", `content:"L"; byte_extract:1,0,len,relative; content:"X"; distance:len; within:1;`, payload("L\x02aXb"), false},
		{"byte_extract moves the cursor", `content:"L"; byte_extract:1,0,n,relative; content:"a"; within:1;`, payload("L\x05a"), true},
		{"byte_extract into offset", `byte_extract:1,0,off; content:"X"; offset:off; depth:1;`, payload("\x03abX"), true},
		{"byte_extract into depth", `byte_extract:1,0,d; content:"X"; depth:d;`, payload("\x02abX"), false},
		{"byte_extract into byte_test", `byte_extract:1,0,v; byte_test:1,=,v,1;`, payload("\x07\x07"), true},
		{"byte_extract into isdataat", `byte_extract:1,0,v; isdataat:v;`, payload("\x03abc"), true},
		{"byte_extract multiplier and align", `byte_extract:1,0,v,multiplier 3,align 4; byte_test:1,=,v,1;`, payload("\x01\x04"), true},
		{"byte_extract string", `byte_extract:2,0,v,string,dec; isdataat:v;`, payload("12abcdefghijk"), true},
		{"byte_extract bitmask", `byte_extract:1,0,v,bitmask 0x0f; byte_test:1,=,v,1;`, payload("\xf3\x03"), true},
		{"isdataat", `isdataat:3;`, payload("abcd"), true},
		{"isdataat at the end", `isdataat:3;`, payload("abc"), false},
		{"isdataat negated", `isdataat:!3;`, payload("abc"), true},
		{"isdataat relative", `content:"a"; isdataat:1,relative;`, payload("ab"), true},
		{"isdataat relative at the end", `content:"a"; isdataat:1,relative;`, payload("ba"), false},
		{"isdataat relative negated", `content:"a"; isdataat:!1,relative;`, payload("a"), true},
		{"isdataat relative negated retries", `content:"a"; isdataat:!1,relative;`, payload("aba"), true},
		{"dsize", `dsize:>3;`, payload("abcd"), true},
		{"dsize fails", `dsize:>3;`, payload("abc"), false},
		{"dsize range", `dsize:2<>5;`, payload("abc"), true},
		{"dsize on a stream chunk", `dsize:>3;`, &inspect.Unit{Kind: inspect.KindStream}, false},
	})
}

func TestPCRE(t *testing.T) {
	runCases(t, "alert tcp any any -> any any", []matchCase{
		{"match", `pcre:"/a.c/";`, payload("xabcx"), true},
		{"no match", `pcre:"/a.c/";`, payload("xacx"), false},
		{"caseless", `pcre:"/ABC/i";`, payload("abc"), true},
		{"latin-1 bytes", `pcre:"/\xe9+\x00/";`, payload("\xe9\xe9\x00"), true},
		{"dot matches a high byte", `pcre:"/^a.b$/";`, payload("a\xffb"), true},
		{"dollar before a final newline", `pcre:"/abc$/";`, payload("abc\n"), true},
		{"dollar end only", `pcre:"/abc$/E";`, payload("abc\n"), false},
		{"dollar multiline", `pcre:"/abc$/m";`, payload("abc\ndef"), true},
		{"dollar end sets the cursor before the newline", `pcre:"/abc$/"; content:"|0a|"; within:1;`, payload("abc\n"), true},
		{"anchored", `pcre:"/b/A";`, payload("ab"), false},
		{"ungreedy", `pcre:"/a+/G"; content:"a"; within:1;`, payload("aa"), true},
		{"greedy", `pcre:"/a+/"; content:"a"; within:1;`, payload("aa"), false},
		{"relative", `content:"foo"; pcre:"/^bar/R";`, payload("foobar"), true},
		{"relative anchored at the cursor", `content:"foo"; pcre:"/^bar/R";`, payload("foo bar"), false},
		{"relative looks after the cursor", `content:"foo"; pcre:"/bar/R";`, payload("barfoo"), false},
		{"relative retries the content", `content:"foo"; pcre:"/^bar/R";`, payload("foo foobar"), true},
		{"pcre sets the cursor", `pcre:"/a+/"; content:"b"; within:1;`, payload("aab"), true},
		{"pcre sets the cursor, miss", `pcre:"/a+/"; content:"b"; within:1;`, payload("aa b"), false},
		{"pcre is retried", `pcre:"/a./"; content:"z"; within:1;`, payload("ab aaz"), true},
		{"negated", `pcre:!"/evil/";`, payload("good"), true},
		{"negated found", `pcre:!"/evil/";`, payload("evil"), false},
		{"negated relative", `content:"a"; pcre:!"/^b/R";`, payload("ab ac"), true},
		{"lookahead", `pcre:"/foo(?!bar)/";`, payload("foobar foobaz"), true},
		{"lookahead fails", `pcre:"/foo(?!bar)/";`, payload("foobar"), false},
		{"backreference", `pcre:"/(\w)\1/";`, payload("abba"), true},
		{"extended", `pcre:"/a b c # comment/x";`, payload("abc"), true},
		{"in a sticky buffer", `http.uri; pcre:"/^\/index/";`, http("http.uri", "/index.php"), true},
		{"buffer flag", `pcre:"/^\/index/U";`, http("http.uri", "/index.php"), true},
	})
}

func TestHTTPBuffers(t *testing.T) {
	runCases(t, "alert http any any -> any any", []matchCase{
		{"sticky buffer", `http.uri; content:"/admin";`, http("http.uri", "/admin/x"), true},
		{"legacy modifier", `content:"/admin"; http_uri;`, http("http.uri", "/admin/x"), true},
		{"other buffer", `http.uri; content:"/admin";`, http("http.header", "/admin"), false},
		{"two buffers", `http.method; content:"POST"; http.uri; content:".php";`, http("http.method", "POST", "http.uri", "/a.php"), true},
		{"two buffers, one missing", `http.method; content:"POST"; http.uri; content:".php";`, http("http.method", "POST"), false},
		{"relative stays in its buffer", `http.uri; content:"a"; http.header; content:"b"; distance:0;`, http("http.uri", "xa", "http.header", "b"), true},
		{"bsize", `http.uri; bsize:5;`, http("http.uri", "/abcd"), true},
		{"bsize fails", `http.uri; bsize:>5;`, http("http.uri", "/abcd"), false},
		{"bsize of the transformed buffer", `http.uri; strip_whitespace; bsize:2;`, http("http.uri", "a b"), true},
		{"urilen", `urilen:>3;`, http("http.uri", "/abcd"), true},
		{"urilen raw", `urilen:<3,raw;`, http("http.uri", "/abcd", "http.uri.raw", "/a"), true},
		{"byte_extract across buffers", `http.header; content:"L"; byte_extract:1,0,n,relative; http.uri; content:"x"; offset:n;`, http("http.header", "L\x02", "http.uri", "abx"), true},
		{"base64", `http.header; content:"Basic "; base64_decode:bytes 12,relative; base64_data; content:"admin";`,
			http("http.header", "Authorization: Basic YWRtaW46cGFzcw=="), true},
		{"base64 elsewhere", `http.header; content:"Basic "; base64_decode:bytes 12,relative; base64_data; content:"root";`,
			http("http.header", "Authorization: Basic YWRtaW46cGFzcw=="), false},
		{"base64 offset", `http.header; content:"Basic "; base64_decode:bytes 8,offset 1,relative; base64_data; content:"admin";`,
			http("http.header", "Basic  YWRtaW46"), true},
		{"base64 nothing to decode", `http.header; content:"Basic "; base64_decode:relative; base64_data; content:!"x";`,
			http("http.header", "Basic !!!"), false},
	})
}

func TestPacketChecks(t *testing.T) {
	unit := func(proto, flags, ttl, itype uint8) *inspect.Unit {
		u := payload("x")
		u.Packet.Proto, u.Packet.TCPFlags, u.Packet.TTL, u.Packet.IType = proto, flags, ttl, itype
		return u
	}
	const syn, ack, fin = 0x02, 0x10, 0x01
	runCases(t, "alert ip any any -> any any", []matchCase{
		{"flags exact", `flags:S;`, unit(6, syn, 64, 0), true},
		{"flags exact with more", `flags:S;`, unit(6, syn|ack, 64, 0), false},
		{"flags plus", `flags:S+;`, unit(6, syn|ack, 64, 0), true},
		{"flags any", `flags:*SF;`, unit(6, fin, 64, 0), true},
		{"flags not", `flags:!SA;`, unit(6, syn, 64, 0), true},
		{"flags not all set", `flags:!SA;`, unit(6, syn|ack, 64, 0), false},
		{"flags ignore", `flags:S,A;`, unit(6, syn|ack, 64, 0), true},
		{"flags on udp", `flags:S;`, unit(17, syn, 64, 0), false},
		{"ttl", `ttl:<10;`, unit(6, 0, 5, 0), true},
		{"ttl fails", `ttl:<10;`, unit(6, 0, 64, 0), false},
		{"itype", `itype:8;`, unit(1, 0, 64, 8), true},
		{"itype needs icmp", `itype:0;`, unit(6, 0, 64, 0), false},
		{"no packet", `ttl:>0;`, http("payload", "x"), false},
	})
}

func TestTransforms(t *testing.T) {
	runCases(t, "alert http any any -> any any", []matchCase{
		{"dotprefix", `http.host; dotprefix; content:".example.com"; endswith;`, http("http.host", "www.example.com"), true},
		{"dotprefix apex", `http.host; dotprefix; content:".example.com"; endswith;`, http("http.host", "example.com"), true},
		{"dotprefix lookalike", `http.host; dotprefix; content:".example.com"; endswith;`, http("http.host", "badexample.com"), false},
		{"to_lowercase", `http.uri; to_lowercase; content:"/admin";`, http("http.uri", "/ADMIN"), true},
		{"to_uppercase", `http.uri; to_uppercase; content:"/ADMIN";`, http("http.uri", "/admin"), true},
		{"strip_whitespace", `http.uri; strip_whitespace; content:"ab";`, http("http.uri", "a \t\vb"), true},
		{"compress_whitespace", `http.uri; compress_whitespace; content:"a b";`, http("http.uri", "a   b"), true},
		{"compress_whitespace keeps the first", `http.uri; compress_whitespace; content:"a|09|b";`, http("http.uri", "a\t  b"), true},
		{"to_md5", `http.uri; to_md5; content:"|90 01 50 98 3c d2 4f b0 d6 96 3f 7d 28 e1 7f 72|";`, http("http.uri", "abc"), true},
		{"to_sha1", `http.uri; to_sha1; content:"|a9 99 3e 36 47 06 81 6a ba 3e 25 71 78 50 c2 6c 9c d0 d8 9d|";`, http("http.uri", "abc"), true},
		{"to_sha256", `http.uri; to_sha256; content:"|ba 78 16 bf 8f 01 cf ea 41 41 40 de 5d ae 22 23 b0 03 61 a3 96 17 7a 9c b4 10 ff 61 f2 00 15 ad|"; bsize:32;`, http("http.uri", "abc"), true},
		{"url_decode", `http.uri; url_decode; content:"/a b/c'";`, http("http.uri", "/a+b%2Fc%27"), true},
		{"url_decode keeps a bad escape", `http.uri; url_decode; content:"%zz%4";`, http("http.uri", "%zz%4"), true},
		{"xor", `http.uri; xor:"0102"; content:"abc";`, http("http.uri", "\x60\x60\x62"), true},
		{"from_base64", `http.uri; from_base64; content:"hello";`, http("http.uri", "aGVsbG8="), true},
		{"header_lowercase", `http.header; header_lowercase; content:"user-agent: Mozilla";`, http("http.header", "User-Agent: Mozilla\r\n"), true},
		{"strip_pseudo_headers", `http.header; strip_pseudo_headers; content:!":method";`, http("http.header", ":method: GET\r\nhost: a\r\n"), true},
		{"pcrexform", `http.uri; pcrexform:"id=([0-9]+)"; content:"42"; startswith; endswith;`, http("http.uri", "/x?id=42&y"), true},
		{"pcrexform keeps its escapes", `http.uri; pcrexform:"/get\?data=(.*)"; content:"abc"; startswith;`, http("http.uri", "/get?data=abc"), true},
		{"pcrexform escaped ? is no quantifier", `http.uri; pcrexform:"/get\?data=(.*)"; content:"abc"; startswith;`, http("http.uri", "/gedata=abc"), false},
		{"transforms chain in order", `http.uri; url_decode; to_lowercase; content:"/admin";`, http("http.uri", "/%41DMIN"), true},
		{"untransformed content stays exact", `http.uri; content:"/A"; http.uri; to_lowercase; content:"/a";`, http("http.uri", "/A"), true},
	})
}

func TestMatchOrderAndCandidates(t *testing.T) {
	rules := compileRules(t,
		`alert tcp any any -> any any (content:"b"; sid:1;)`,
		`alert tcp any any -> any any (content:"a"; sid:2;)`,
		`alert tcp any any -> any any (content:"zzz"; sid:3;)`,
		`alert tcp any any -> any any (pcre:"/a/"; sid:4;)`,
	)
	e, err := Compile(rules)
	if err != nil {
		t.Fatal(err)
	}
	got := e.groupMatch(payload("ab"), []int{3, 1, 0, 2, 1, 99, -1})
	if want := []int{0, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("group match = %v, want %v", got, want)
	}
	if got := e.groupMatch(payload("ab"), nil); len(got) != 0 {
		t.Errorf("empty group matched %v", got)
	}
	if all := e.All(); !slices.Equal(all, []int{0, 1, 2, 3}) {
		t.Errorf("All = %v", all)
	}
}
