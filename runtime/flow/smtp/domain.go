package smtp

// ValidDomain returns the length of the domain name b starts with (two
// or more labels of letters, digits and hyphens, each starting with a
// letter and not ending with a hyphen), or 0 (Suricata's
// SCValidateDomain).
func ValidDomain(b []byte) int {
	pos, labels := 0, 0
	for {
		n := label(b[pos:])
		if n == 0 {
			break
		}
		if pos+n < len(b) && b[pos+n] == '.' {
			pos += n + 1
			labels++
			continue
		}
		if labels == 0 {
			return 0
		}
		return pos + n
	}
	if labels == 0 {
		return 0
	}
	// the last label read was followed by a dot: nom's many1 gives the
	// subdomains back only as far as a final label parses
	return 0
}

func label(b []byte) int {
	n := 0
	for n < len(b) && (isAlpha(b[n]) || b[n] >= '0' && b[n] <= '9' || b[n] == '-') {
		n++
	}
	if n == 0 || !isAlpha(b[0]) || b[n-1] == '-' {
		return 0
	}
	return n
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
