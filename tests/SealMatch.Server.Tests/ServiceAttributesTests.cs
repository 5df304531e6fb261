using System.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace SealMatch.Server.Tests;

/// <summary>Every RPC implementation names the roles it admits; none relies on the authenticated-user fallback alone.</summary>
public sealed class ServiceAttributesTests
{
    [Fact]
    public void Every_service_method_carries_an_explicit_role_list()
    {
        Type[] services = [.. typeof(Program).Assembly.GetTypes()
            .Where(t => t.BaseType?.GetCustomAttribute<BindServiceMethodAttribute>() is not null)];
        Assert.Equal(8, services.Length);
        var missing = new List<string>();
        int count = 0;
        foreach (Type service in services)
        {
            Type generatedBase = service.BaseType!;
            foreach (MethodInfo rpc in generatedBase.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m.IsVirtual))
            {
                count++;
                MethodInfo? implementation = service.GetMethod(rpc.Name, [.. rpc.GetParameters().Select(p => p.ParameterType)]);
                AuthorizeAttribute? authorize = implementation?.DeclaringType == service ? implementation.GetCustomAttribute<AuthorizeAttribute>() : null;
                if (authorize is null || string.IsNullOrWhiteSpace(authorize.Roles) || implementation!.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
                {
                    missing.Add($"{service.Name}.{rpc.Name}");
                }
            }
        }

        Assert.Equal(ServiceSuite.AllMethods().Count, count);
        Assert.True(missing.Count == 0, "without [Authorize(Roles = …)]: " + string.Join(", ", missing));
    }
}
