using System.Collections.Concurrent;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Tests.Protocol;

public sealed class ServerCredentialTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task NextProof_ConcurrentCallers_CountersNeverRepeatAndStartAtOne()
    {
        var credential = new ServerCredential();
        Assert.True(credential.Accept(Token("t1", credential.Uid), credential.Uid));
        var seen = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                seen.Add(credential.NextProof(Now)!.Counter);
            }
        })));

        Assert.Equal(Enumerable.Range(1, 8000).Select(i => (long)i), seen.Order());
    }

    [Fact]
    public void Accept_SameTokenAgain_KeepsCounting()
    {
        var credential = new ServerCredential();
        string uid = credential.Uid;
        credential.Accept(Token("t1", uid), uid);
        credential.NextProof(Now);
        credential.NextProof(Now);

        Assert.True(credential.Accept(Token("t1", uid), uid));
        Assert.Equal(3, credential.NextProof(Now)!.Counter);
    }

    [Fact]
    public void Accept_NewToken_RestartsAtOne()
    {
        var credential = new ServerCredential();
        string uid = credential.Uid;
        credential.Accept(Token("t1", uid), uid);
        credential.NextProof(Now);

        Assert.True(credential.Accept(Token("t2", uid), uid));
        Assert.Equal(1, credential.NextProof(Now)!.Counter);
    }

    [Fact]
    public void Accept_TokenForUidDiscardedSince_IsRefused()
    {
        var credential = new ServerCredential();
        string oldUid = credential.Uid;
        credential.Discard();

        Assert.False(credential.Accept(Token("t1", oldUid), oldUid));
        Assert.Null(credential.Token);
    }

    [Fact]
    public void Discard_TokenHeld_DropsTokenAndDrawsNew22CharacterUid()
    {
        var credential = new ServerCredential();
        string uid = credential.Uid;
        credential.Accept(Token("t1", uid), uid);

        credential.Discard(credential.Token!);

        Assert.Null(credential.Token);
        Assert.NotEqual(uid, credential.Uid);
        Assert.Equal(22, credential.Uid.Length);
        Assert.True(B64u.TryDecode(credential.Uid, out byte[] bytes));
        Assert.Equal(16, bytes.Length);
    }

    [Fact]
    public void Discard_TokenAlreadyReplaced_KeepsTheNewOne()
    {
        var credential = new ServerCredential();
        IssuedToken old = Token("t1", credential.Uid);
        credential.Accept(old, credential.Uid);
        credential.Discard(old);
        string uid = credential.Uid;
        credential.Accept(Token("t2", uid), uid);

        credential.Discard(old);

        Assert.Equal("t2", credential.Token!.Text);
        Assert.Equal(uid, credential.Uid);
    }

    [Fact]
    public void NextProof_ExpiredToken_GivesNone()
    {
        var credential = new ServerCredential();
        credential.Accept(Token("t1", credential.Uid), credential.Uid);

        Assert.Null(credential.NextProof(Now.AddHours(2)));
    }

    private static IssuedToken Token(string text, string uid) =>
        new(text, "kid", uid, "agent", "jkt", text + "-jti", Now.AddHours(1));
}
