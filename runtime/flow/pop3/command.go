package pop3

import "bytes"

// Keyword is a command sawp-pop3 knows by name; KwUnknown is any other
// alphanumeric word, whose name Command.Name keeps.
type Keyword uint8

// The commands.
const (
	KwUnknown Keyword = iota
	KwQUIT
	KwSTAT
	KwLIST
	KwRETR
	KwDELE
	KwNOOP
	KwRSET
	KwTOP
	KwUIDL
	KwUSER
	KwPASS
	KwAPOP
	KwCAPA
	KwSTLS
	KwAUTH
	KwSASL
)

var keywordNames = [...]string{"", "QUIT", "STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "TOP", "UIDL",
	"USER", "PASS", "APOP", "CAPA", "STLS", "AUTH", "SASL"}

// Command is a client command: its keyword, its name as the client sent
// it (the keyword's own name for a known one) and its arguments.
type Command struct {
	Keyword Keyword
	Name    string
	Args    [][]byte
}

// saslData names the transaction of a SASL blob sent after AUTH, as
// Suricata does.
const saslData = "<SASL DATA>"

// Flags of a message that breaks the protocol without ending the parse
// (sawp-pop3's ErrorFlag).
const (
	flagCommandTooLong uint8 = 1 << iota
	flagArgumentCount
	flagUnknownKeyword
	flagResponseTooLong
)

// Line limits of RFC 2449 as sawp-pop3 checks them: a command line, its
// CRLF included, over maxCommand bytes; a response's first line over
// maxResponseLine.
const (
	maxCommand      = 256
	maxResponseLine = 512
)

// parsed is what reading a message from the start of some bytes gave.
type parsed uint8

const (
	parsedOK   parsed = iota
	parsedMore        // its end has not come yet
	parsedBad         // not a message of the direction
)

// parseCommand reads one command line of b as sawp-pop3: a keyword (bytes
// up to a space or CR), one optional space, arguments up to CRLF split on
// spaces; n is the bytes read. A word starting with '+', or neither known
// nor alphanumeric, is not a command.
func parseCommand(b []byte) (c Command, flags uint8, n int, res parsed) {
	kw := wordEnd(b)
	switch {
	case kw == 0:
		return c, 0, 0, parsedBad
	case b[0] == '+':
		return c, 0, 0, parsedBad
	}
	word, rest := b[:kw], b[kw:]
	c.Keyword, c.Name = lookupKeyword(word)
	if c.Keyword == KwUnknown {
		if !alnum(word) {
			return c, 0, 0, parsedBad
		}
		flags |= flagUnknownKeyword
	}
	if len(rest) > 0 && rest[0] == ' ' {
		rest = rest[1:]
	}
	end := bytes.Index(rest, crlf)
	if end < 0 {
		return Command{}, 0, 0, parsedMore
	}
	raw := rest[:end]
	for _, a := range bytes.Split(raw, []byte(" ")) {
		if len(a) > 0 {
			c.Args = append(c.Args, bytes.Clone(a))
		}
	}
	if !argsFit(c.Keyword, len(c.Args)) {
		flags |= flagArgumentCount
	}
	if len(word)+1+len(raw)+2 > maxCommand {
		flags |= flagCommandTooLong
	}
	return c, flags, len(b) - len(rest) + end + 2, parsedOK
}

var crlf = []byte("\r\n")

// wordEnd is the length of the run of bytes before a space or CR.
func wordEnd(b []byte) int {
	i := 0
	for i < len(b) && b[i] != ' ' && b[i] != '\r' {
		i++
	}
	return i
}

func lookupKeyword(w []byte) (Keyword, string) {
	for k := KwQUIT; int(k) < len(keywordNames); k++ {
		if string(w) == keywordNames[k] {
			return k, keywordNames[k]
		}
	}
	return KwUnknown, string(w)
}

func alnum(w []byte) bool {
	for _, c := range w {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// argsFit reports whether a command has as many arguments as its
// keyword takes.
func argsFit(k Keyword, n int) bool {
	switch k {
	case KwSTAT, KwNOOP, KwRSET, KwQUIT, KwCAPA, KwSTLS:
		return n == 0
	case KwSASL:
		return n > 0
	case KwLIST, KwUIDL:
		return n <= 1
	case KwRETR, KwDELE, KwUSER, KwPASS:
		return n == 1
	case KwAUTH:
		return n == 1 || n == 2
	case KwTOP, KwAPOP:
		return n == 2
	}
	return true
}
