package seclang

func init() { registerOp("containsWord", anyArg) }
