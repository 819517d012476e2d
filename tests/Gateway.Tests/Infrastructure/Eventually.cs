namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>Retries while the answer says "unavailable", for at most 20 s: a Redis connection comes back by itself.</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> attempt, T unavailable)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var answer = await attempt();
            if (!EqualityComparer<T>.Default.Equals(answer, unavailable) || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(100);
        }
    }
}
