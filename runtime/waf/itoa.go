package waf

import "strconv"

// smallInts holds the decimal forms of small numbers, which counts and
// anomaly scores are, so that formatting them does not allocate.
var smallInts = func() []string {
	s := make([]string, 1024)
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}()

func itoa(n int64) string {
	if n >= 0 && n < int64(len(smallInts)) {
		return smallInts[n]
	}
	return strconv.FormatInt(n, 10)
}
