using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Tests.Diagnostics;

public sealed class LoggedHeadersTests
{
    [Theory]
    [InlineData("Authorization", "SMPToken aaa.bbb.ccc.ddd.eee", "SMPToken <19 bytes withheld>")]
    [InlineData("Authorization", "Basic ZG9tXGFjYzpwYXNzd29yZA==", "Basic <withheld>")]
    [InlineData("Authorization", "Bearer 0123456789", "Bearer <10 bytes withheld>")]
    [InlineData("Authorization", "garbage", "<7 bytes withheld>")]
    [InlineData("Authorization", "SMPToken agent=\"a1\", nonce=\"u1\"", "SMPToken agent=\"a1\", nonce=\"u1\"")]
    [InlineData("Authorization", "SMPToken agent=\"a1\", x=aaa.bbb.ccc", "SMPToken <25 bytes withheld>")]
    [InlineData("proxy-authorization", "basic eDp5", "basic <withheld>")]
    [InlineData("WWW-Authenticate", "SMPToken token=\"aaa.bbb.ccc\"", "SMPToken <19 bytes withheld>")]
    [InlineData("WWW-Authenticate", "Basic realm=\"SMP\"", "Basic realm=\"SMP\"")]
    [InlineData("WWW-Authenticate", "SMPToken", "SMPToken")]
    [InlineData("WWW-Authenticate", "SMPToken realm=\"SMP\", error=\"expired\"", "SMPToken realm=\"SMP\", error=\"expired\"")]
    [InlineData("WWW-Authenticate", "Negotiate YIIBhAYGKwYBBQUCoIIBeDCC", "Negotiate <24 bytes withheld>")]
    [InlineData("WWW-Authenticate", "SMPToken realm=\"SMP\", token=\"a.b.c\"", "SMPToken <26 bytes withheld>")]
    [InlineData("Authentication-Info", "nextnonce=\"abc\"", "<15 bytes withheld>")]
    [InlineData("X-SMP-Enrollment", "the secret", "<10 bytes withheld>")]
    [InlineData("X-SMP-Site-Signature", "sig nature", "<10 bytes withheld>")]
    [InlineData("Cookie", "a=b", "<3 bytes withheld>")]
    [InlineData("Set-Cookie", "a=b; Path=/", "<11 bytes withheld>")]
    [InlineData("X-SMP-NSError", "replay", "replay")]
    [InlineData("User-Agent", "Altiris-Agent/8.7", "Altiris-Agent/8.7")]
    public void Value_Header_CredentialWithheld(string name, string value, string logged)
    {
        Assert.Equal(logged, LoggedHeaders.Value(name, value));
    }

    [Fact]
    public void Describe_EveryHeaderAndValue_InOrder()
    {
        var headers = new HeaderDictionary { ["Host"] = "ns.example.com", ["Authorization"] = "Basic eDp5", ["Accept"] = new(["a", "b"]) };

        Assert.Equal("Host: ns.example.com; Authorization: Basic <withheld>; Accept: a; Accept: b", LoggedHeaders.Describe(headers));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("?token=abc", "?<9 bytes withheld>")]
    public void Query_AnyQuery_OnlyItsLength(string query, string logged)
    {
        Assert.Equal(logged, LoggedHeaders.Query(new QueryString(query.Length == 0 ? null : query)));
    }
}
